from django.conf import settings
from django.utils import translation


class AdminLanguageMiddleware:
    """The admin speaks the editor's language; public pages speak their address's.

    With English addresses unprefixed, LocaleMiddleware serves every address outside
    /es/ in English, the admin included. For the admin, this picks the language the
    usual way instead (the editor's browser), so a Spanish-speaking editor gets the
    admin, its help texts and the editing aids in Spanish. Goes after LocaleMiddleware,
    whose response side then adds Content-Language and Vary: Accept-Language.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = f"/{settings.ADMIN_PATH}"

    def __call__(self, request):
        if not request.path_info.startswith(self.admin_prefix):
            return self.get_response(request)
        language = translation.get_language_from_request(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        return self.get_response(request)
