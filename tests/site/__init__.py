"""The built site and decks in a real browser, and the templates and script behind them."""
