"""The plans' pages: the plan list, the plan page's tabs (one module each), the item page and their htmx fragments.

Views are thin: load what the URL names through access helpers (`common`), ask permissions, read through queries,
validate with forms and call one action. Every page works without JavaScript; htmx requests get the fragment
they target (a tab panel, the table's results, one row) instead of the whole page.
"""
