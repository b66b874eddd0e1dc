FROM fedora:40
RUN dnf install -y gcc make \
    # && dnf clean all
    && make --version
# zypper clean --all (not this RUN: a blank line stands between)

RUN zypper --non-interactive install curl
