"""Portfolio pages, one module per kind of page (thin: parse, one access call, one service or
selector, render): `projects`, `board` (dashboard), `team` (service fait and attestations),
`committees`, `records` (corrections and history), `exports` (downloads); `charts` draws the SVG
pictures the pages show (phase timelines, maturity), through the `portfolio_charts` tags."""
