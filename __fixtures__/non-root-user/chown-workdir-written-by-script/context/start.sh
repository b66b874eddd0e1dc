#!/bin/sh
set -e
python3 bot.py >> bot.log 2>&1
