"""Segments (用户分群): members chosen by attributes plus behaviour, saved and counted.

* :mod:`.definition` — the typed, validated definition (JSON in ``Segment.definition``);
* :mod:`.queries`, :mod:`.compare` — query objects: members, count, comparison;
* :mod:`.services`, :mod:`.selectors` — writes and reads for the cockpit;
* :mod:`.audience` — **the public face for other apps**: a segment as the
  audience of a message or an event invitation (``segment_member_ids``,
  ``segment_size``).
"""
