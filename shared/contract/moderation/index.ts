export * from './screen';
export * from './status';
