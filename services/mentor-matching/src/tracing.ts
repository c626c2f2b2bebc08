// main.ts imports this first: the SDK patches http and pg only if it starts before they are loaded.
import { startTracing } from '@mentoring/observability';

startTracing('mentor-matching');
