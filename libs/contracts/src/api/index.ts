export * from './reply';
export * from './mentor-matching';
