"""What the cockpit's analytics pages show, read from the analytics store.

Each module turns one page's parameters into what the page draws: numbers,
chart series and the :class:`~hearth.cockpit.exports.Table` that the HTML
table and the CSV/XLSX downloads share. The analyses themselves are the
analytics app's query objects; nothing here writes SQL.
"""
