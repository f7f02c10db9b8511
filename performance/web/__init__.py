"""The screens: one module of views per area, with the forms and presenters they use.

- ``dashboard``: home, the month, trends, the board pack, the metrics CSV (``query_forms``,
  ``presenters``, ``charts``).
- ``actuals``: entering a month (``actuals_forms``, ``person_entry``) and the CSV import.
- ``leaderboards``, ``people`` (``person_history``, ``people_presenters``, ``people_charts``, and
  ``person_logins``: a person's login, which Admins manage from the person's page).
- ``closing``, ``statements``, ``me``: a month's close, statements and payroll, a rep's own page.
- ``plans`` (``plan_forms``, ``curve_forms``, ``plan_presenters``, ``plan_timeline``).
- ``whatif`` (``whatif_forms``, ``whatif_presenters``, ``whatif_compare``): what-if planning and
  saved scenarios; the arithmetic is ``performance.engine.whatif``.
- ``urls``: every screen's address.

Views read through the services (the loader, closing, the cache) and never the other way round.
"""
