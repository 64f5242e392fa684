/**
 * Imported first by main.tsx: ES modules evaluate in import order, so the token leaves the
 * address bar before React or anything else runs.
 */
import { takeLinkParams } from './link-params.ts';

export const link = takeLinkParams();
