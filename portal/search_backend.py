"""Wagtail's database search backend, whose index also keeps the site search's documents (`portal.search`).

Whatever adds an object to the index (a save, a publish, `manage.py update_index`) also writes its
`SearchDocument`s, and whatever removes it deletes them, so the documents never differ from the index.
"""

from modelsearch.backends.database import SearchBackend as database_backend

from portal import search

_index_classes: dict[type, type] = {}


def SearchBackend(params):  # noqa: N802 (the name Wagtail looks up in a backend's module)
    backend = database_backend(params)
    backend.index_class = _with_documents(type(backend).index_class)
    return backend


def _with_documents(index_class: type) -> type:
    if index_class not in _index_classes:

        class Index(index_class):
            def add_items(self, model, objs):
                objs = list(objs)
                super().add_items(model, objs)
                search.store_documents(model, objs)

            def delete_item(self, item):
                super().delete_item(item)
                search.delete_documents(item)

            def reset(self):
                super().reset()
                search.delete_all_documents()

        _index_classes[index_class] = Index
    return _index_classes[index_class]
