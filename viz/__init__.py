"""Org charts: pyvis networks of the governance graph, laid out in Python, drawn offline.

``govgraph.viz.chart`` is the entry point (``chart_data``, ``org_chart``, ``chart_html``,
``write_chart``); ``static/`` holds vis-network and the chart script the web app serves.
"""
