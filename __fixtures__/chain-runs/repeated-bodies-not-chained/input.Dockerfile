FROM debian:bookworm-slim AS manylayers
RUN dd if=/dev/urandom of=/a bs=1k count=1
RUN dd if=/dev/urandom of=/a bs=1k count=1
RUN dd if=/dev/urandom of=/a bs=1k count=1
