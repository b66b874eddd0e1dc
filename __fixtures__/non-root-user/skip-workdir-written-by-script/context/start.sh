#!/bin/sh
set -e
sqlite3 state.db < schema.sql
exec python3 bot.py
