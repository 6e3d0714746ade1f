// The lock lives in core now (the CLI takes it too); kept here for the extension's imports.
export { withFileLock } from '../core/store/fileLock';
