from debian
run echo one
run echo two
