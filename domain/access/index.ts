export * from './role-permissions';
export * from './write-controls';
export * from './planned-writes';
export * from './run-authority';
