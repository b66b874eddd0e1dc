'use strict';
module.exports = [
  { id: 1, name: 'teapot' },
  { id: 2, name: 'kettle' },
];
