"""A small digest config and an ordinary article paragraph, shared by the tests of the per-seed
budget on this machine (test_seed_budget.py) and on Dask (test_executors.py)."""

RAW = {
    "site": {"title": "Test Digest"},
    "companies": [{"name": "Huawei"}],
    "topics": [{"slug": "entity-list", "title": "Entity List", "keywords": ["Entity List"]}],
}

BODY = (
    "The Commerce Department added Huawei to the Entity List on Wednesday, officials said, in a move "
    "that bars American suppliers from selling to the company without a licence.\n\n"
)
