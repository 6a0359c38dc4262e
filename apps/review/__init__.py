"""The editors' review workflow, for every reviewable kind (claims, quotes, commitments, ...).

    statuses.py     review statuses, origins, the actions editors take
    models.py       ReviewableModel: the evidence span and review fields every item carries, and what
                    each kind declares (correctable fields, queue label, correction groups)
    registry.py     the reviewable models, found once; roles, admin, pages and the API read them here
    corrections.py  "is it corrected, and what did the machine say": pure functions, model and API share them
    services.py     verify / dispute / mark false / dismiss / reopen, correct, add, bulk
    permissions.py  who may review or reopen
    history.py      what changed since the version an editor loaded
    roles.py        the Reporter, Editor and Chief editor groups
    admin/          the review queue admin: rendering, filters, form, bulk confirmation, base class

It imports no entity app: each kind describes itself on its model.
"""
