from debian
run echo one && \
    echo two
