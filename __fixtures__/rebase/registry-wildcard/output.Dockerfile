FROM registry.new.example/base/node:16 AS deps
FROM mirror.example/team/app:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
FROM registry.old.example:5000/team/app:1.2
FROM ghcr.io/registry.old.example/app:1
