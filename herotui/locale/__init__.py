"""Translation catalogues, one module per area of the app. See `herotui.i18n`."""
