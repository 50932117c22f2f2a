import { component } from '../../http/components';
import { obj } from '../../http/schemas';

export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

export const savedUpload = component(
  'SavedUpload',
  obj(
    { id: { type: 'string' }, contentType: { enum: [...IMAGE_TYPES] }, size: { type: 'integer' } },
    ['id', 'contentType', 'size'],
  ),
);
