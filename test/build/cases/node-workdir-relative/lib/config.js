'use strict';
module.exports = {
  port: Number(process.env.PORT) || 8080,
  root: __dirname,
};
