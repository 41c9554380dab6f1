"""Outreach (触达): messages and event invitations to members, with an honest holdout.

Public face:

- :mod:`.audience` — who an outreach may reach (staff and deactivated accounts left out);
- :mod:`.services` — ``outreach_create`` (audience split into treated and holdout) and
  ``outreach_send`` (in-site and e-mail, rate-limited, idempotent, resumable);
- :mod:`.lift` — ``outreach_returns_update`` and ``outreach_lift`` (return rates, their
  difference and a 95 % confidence interval);
- :mod:`.preferences` — unsubscribe (退订) by signed link or the member's own page;
- :mod:`.permissions` — who may send and who may follow up members.
"""
