#!/bin/sh
echo "setting up in $(pwd)"
