# escape=`
from `
    --platform=linux/amd64 `
    node:16 `
    as build
run echo hi `
    && echo there
copy --from="node:16" /a /b
