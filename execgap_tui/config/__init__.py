"""Where the data and settings live, config.toml as Settings, and the keys [keys] may move."""
