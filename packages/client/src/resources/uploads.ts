import type { Schemas } from '../contract';
import { communityPath, seg } from '../contract';
import { ApiError, errorFor } from '../errors';
import type { HttpClient } from '../http';

export type SavedUpload = Schemas['SavedUpload'];

/** Images residents attach to records (JPEG, PNG or WebP, at most 5 MB). */
export interface UploadsApi {
  /**
   * Stores an image (raw bytes). With `onProgress`, XMLHttpRequest reports upload progress,
   * which fetch cannot; failures are the same ApiError either way.
   */
  upload(
    communityId: string,
    file: Blob,
    onProgress?: (fraction: number) => void,
  ): Promise<SavedUpload>;
  /** Where the browser loads an uploaded image from (the session cookie rides along). */
  url(communityId: string, uploadId: string): string;
  /** Stores an image anyone may see (operators: the theme logo); the same checks as `upload`. */
  uploadPublic(communityId: string, file: Blob): Promise<SavedUpload>;
  /** Where anyone, signed in or not, loads a public upload of the community from. */
  publicUrl(communityId: string, uploadId: string): string;
}

export function uploadsApi(http: HttpClient): UploadsApi {
  const path = (communityId: string) => `${communityPath(communityId)}/uploads`;
  const publicPath = (communityId: string) => `${communityPath(communityId)}/public-uploads`;
  return {
    upload(communityId, file, onProgress) {
      if (!onProgress || typeof XMLHttpRequest === 'undefined') {
        return http.request('POST', path(communityId), {
          body: file,
          headers: { 'content-type': file.type },
        });
      }
      return new Promise((resolve, reject) => {
        const xhr = new XMLHttpRequest();
        xhr.open('POST', http.url(path(communityId)));
        xhr.withCredentials = true;
        xhr.setRequestHeader('content-type', file.type);
        xhr.setRequestHeader('accept', 'application/json');
        xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
        xhr.onerror = () =>
          reject(new ApiError(0, 'network_error', 'The server could not be reached.'));
        xhr.onload = () => {
          let data: unknown;
          try {
            data = JSON.parse(xhr.responseText);
          } catch {
            data = undefined;
          }
          if (xhr.status >= 200 && xhr.status < 300) {
            onProgress(1);
            resolve(data as SavedUpload);
          } else reject(errorFor(xhr.status, data));
        };
        xhr.send(file);
      });
    },
    url: (communityId, uploadId) => http.url(`${path(communityId)}/${seg(uploadId)}`),
    uploadPublic: (communityId, file) =>
      http.request('POST', publicPath(communityId), {
        body: file,
        headers: { 'content-type': file.type },
      }),
    publicUrl: (communityId, uploadId) => http.url(`${publicPath(communityId)}/${seg(uploadId)}`),
  };
}
