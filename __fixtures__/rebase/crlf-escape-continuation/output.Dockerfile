# escape=`
from `
    --platform=linux/amd64 `
    node:20 `
    as build
run echo hi `
    && echo there
copy --from="node:20" /a /b
