"""Pages of the support offer (thin: parse, one access call, one service or selector, render)."""
