// fundgap's XLSX reader alone, as its own process: open the sheet the way reconcile does and
// iterate every row, giving the rows no meaning. Prints `{"rows": n, "cells": n}`.
// Usage: node bench/xlsx-read.mjs <file.xlsx>   (needs the built dist/, as `npm ci` leaves it)

import { openSheet } from '../dist/sheets/open.js';

const sheet = await openSheet(process.argv[2]);
let rows = 0;
let cells = 0;
for await (const row of sheet.rows()) {
  rows++;
  cells += row.cells.length;
}
console.log(JSON.stringify({ rows, cells }));
