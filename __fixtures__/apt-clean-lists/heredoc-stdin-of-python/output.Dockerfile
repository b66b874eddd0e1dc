# syntax=docker/dockerfile:1
FROM debian:bookworm
RUN apt-get update && apt-get install -y python3
RUN python3 <<EOF
import os
os.system("apt-get install -y make")
EOF
