"""Batches written through the API, all or nothing: ONE function per kind, each checking every
record with the rule set every way in uses, holding the batch's months first (as every write
path does: performance/month_lock.py) and writing in one transaction.

- `write_deals` (deals.py): the deal rules (performance/deal_rules.py: deal_problems, DealFacts);
- `write_person_actuals` (person_actuals.py) and `write_role_actuals` (role_actuals.py): the
  CSVs' own service, performance/actuals_bulk.py (the models' rules, writes in bulk).

Each takes the records as the API read them (numbers and months through the one parser, each with
its place, e.g. "deals[2]") and returns what it did (`Written`), or raises BatchRefused (400:
every problem with its place) or MonthsLocked (409: the approved months it would change). They
know nothing of HTTP.
"""
