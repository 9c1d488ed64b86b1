"""The SVG toolkit of the platform's charts, shared by every app (portfolio timelines and
maturity, impact series…): pure functions on plain data, no database, no request, no clock.

`svg` has the drawing helpers (elements, escaped text, accessible `<svg>` documents with their
`<title>` and `<desc>`, legends, markers, French dates and numbers), `timeaxis` the time scale
with its month grid and « aujourd'hui » marker. Nothing here imports an app.
"""
