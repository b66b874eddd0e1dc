#!/bin/sh
echo "app $(cat /etc/app/config.ini)"
