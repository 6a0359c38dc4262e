"""Building blocks shared by every public API resource: pagination, ordering, throttling, errors,
conditional GET, JSON-LD rendering and the base viewset."""
