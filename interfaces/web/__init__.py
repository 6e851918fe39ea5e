"""The staff's pages: server-rendered, in Chinese and English, on the same commands as the API."""
