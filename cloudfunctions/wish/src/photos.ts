/**
 * Photos of wishes and fulfilments: the checks and URLs are `_shared/photos.ts`; a problem is refused here as
 * VALIDATION `wish.photo-*`, with the message under the input field.
 */
import { AppError } from '../../../types/errors';
import { attachedPhotoUrls, photoProblemMessages } from '../../_shared/photos';

export { tempUrls, toPhotos } from '../../_shared/photos';

/** Checks the photos a person attaches (`field` names the input field) and returns their URLs. */
export async function checkPhotos(field: string, fileIds: readonly string[]): Promise<Map<string, string>> {
  const checked = await attachedPhotoUrls(fileIds);
  if ('urls' in checked) return checked.urls;
  const message = photoProblemMessages[checked.problem];
  throw new AppError('VALIDATION', `wish.${checked.problem}`, message, { [field]: message });
}
