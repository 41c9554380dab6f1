"""The mapping table read and written by kind: source id → Hearth id, for one source."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Model

from hearth.imports.models import ImportedObject

BATCH = 1_000


class IdMap:
    """What one source's objects of one kind became; loaded once, added to as rows are written.

    An object imported once and deleted since stays imported (a second run
    does not bring it back) but is no longer found: :meth:`get` answers None.
    """

    def __init__(self, source: str, kind: str, model: type[Model] | None = None) -> None:
        self.source, self.kind = source, kind
        rows = ImportedObject.objects.filter(source=source, kind=kind)
        self.ids: dict[str, int] = dict(rows.values_list("external_id", "object_id"))
        self.gone: set[str] = set()
        if model is not None:
            self._forget_deleted(model)

    def _forget_deleted(self, model: type[Model]) -> None:
        mapped = list(self.ids.items())
        for start in range(0, len(mapped), BATCH):
            chunk = dict(mapped[start : start + BATCH])
            there = set(
                model._default_manager.filter(pk__in=chunk.values()).values_list("pk", flat=True)
            )
            for external_id, object_id in chunk.items():
                if object_id not in there:
                    self.gone.add(external_id)
                    del self.ids[external_id]

    def __contains__(self, external_id: object) -> bool:
        return str(external_id) in self.ids or str(external_id) in self.gone

    def get(self, external_id: object) -> int | None:
        return self.ids.get(str(external_id))

    def add(self, pairs: Iterable[tuple[object, int]]) -> None:
        """Record ``(external id, Hearth id)`` pairs (each external id once)."""
        new = [
            ImportedObject(
                source=self.source, kind=self.kind, external_id=str(ext), object_id=object_id
            )
            for ext, object_id in pairs
        ]
        ImportedObject.objects.bulk_create(new, batch_size=BATCH)
        self.ids.update((row.external_id, row.object_id) for row in new)

    def set(self, external_id: object, object_id: int) -> None:
        """Map ``external_id`` to ``object_id``, replacing a mapping to a deleted row."""
        ImportedObject.objects.update_or_create(
            source=self.source,
            kind=self.kind,
            external_id=str(external_id),
            defaults={"object_id": object_id},
        )
        self.gone.discard(str(external_id))
        self.ids[str(external_id)] = object_id
