export {
  fieldsOf,
  widgetFor,
  type FieldDescriptor,
  type FieldSchema,
  type WidgetKind,
} from './fields';
