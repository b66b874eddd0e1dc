#!/usr/bin/env node
'use strict';
const slugify = require('slugify-lite');
console.log(slugify(process.argv.slice(2).join(' ')));
