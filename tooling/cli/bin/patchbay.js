#!/usr/bin/env node
// Committed so package managers can link the binary before the first build.
import "../dist/bin.js";
