"""The base package: what every layer above may use, and which uses nothing above it.

- ``months``: calendar months (stored as the first day, written ``YYYY-MM``) and their arithmetic.
- ``parse``: the one parser for numbers and months, with one set of messages, behind every way in.
- ``rules``: the messages of the rules about months ("has not started", "before the first
  business assumptions") and ``full_clean_with`` for readers that check many records at once.
- ``fields``, ``form_fields``: model and form fields that read through the one parser.
- ``formatting``, ``number_filters``: "$5,670", "75.0%", "1.25", half-up, from the exact Decimal;
  the template filters every screen uses (built in, no ``{% load %}``).
- ``csv_cells``: text cells made inert for spreadsheets, and read back.
- ``versioning``: QuerySets whose writes in bulk change the data version too.
- ``hooks``: the questions a lower layer asks a higher one (the lock on approved months, the
  data version, a plan's figures), answered by performance at start-up.
- ``lockable``, ``admin_locks``, ``admin_csv``: the models' and the admin's side of the lock,
  and the admin's CSV downloads and link to our own import.

No module here imports ``compensation`` or ``performance`` (tests/test_layers.py).
"""
