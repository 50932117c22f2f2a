// monaco-editor 0.57 ships declarations for its entry points but not for Vite's `?worker`
// suffix on them, nor the global hook it reads to create workers.
declare module 'monaco-editor/editor/editor.worker?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
declare module 'monaco-editor/languages/features/json/json.worker?worker' {
  const WorkerConstructor: new () => Worker;
  export default WorkerConstructor;
}
declare global {
  var MonacoEnvironment: { getWorker(id: string, label: string): Worker } | undefined;
}
export {};
