#!/usr/bin/env node
// Runs the built RESP server (npm run build writes dist/server/main.js).
import '../dist/server/main.js';
