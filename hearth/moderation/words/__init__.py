"""Watched-word management: import and export of lists, previews, editing, policies.

Other apps and the cockpit use the modules' public functions: ``services``
(lists), ``word_services`` (words and variants), ``policy_services``,
``preview``, ``selectors``, ``export``, ``permissions``.
"""
