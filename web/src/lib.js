// lib.js: the view library (Preact with its hooks) and htm's tagged
// templates, from the pinned npm files copied into the program.
import { h, render, Fragment } from './preact.js';
import { useState, useEffect, useMemo, useRef, useCallback } from './hooks.js';
import htm from './htm.js';

export const html = htm.bind(h);
export { h, render, Fragment, useState, useEffect, useMemo, useRef, useCallback };
