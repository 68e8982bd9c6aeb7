/** Django: the request object, validated forms, raw SQL, responses, templates and escapes. */
import type * as A from '../../python/ast.js';
import type { SemanticModel } from '../../python/semantic.js';
import { allArguments, boundCall, htmlResponse, htmlResponseObject } from './predicates.js';
import type { LibraryModel } from './types.js';

/** A condition: the method's receiver is a response made by one of `classes` whose content type is HTML. */
function htmlResponseMadeBy(classes: readonly string[]) {
  return (call: A.Call, sem: SemanticModel): boolean => {
    if (call.func.type !== 'Attribute') return false;
    const made = boundCall(call.func.value, sem);
    return !!made && classes.includes(sem.callName(made) ?? '') && htmlResponse(made, sem);
  };
}

/** Django's class-based views (and DRF's), whose URL values are `self.kwargs` and `self.args`. */
const CLASS_VIEWS = [
  ...['View', 'TemplateView', 'RedirectView', 'DetailView', 'ListView', 'FormView', 'CreateView', 'UpdateView', 'DeleteView', 'ArchiveIndexView', 'DateDetailView'].map((c) => `django.views.generic.${c}`),
  'django.views.View',
  'django.views.generic.base.View',
  'django.views.generic.base.TemplateView',
  'rest_framework.views.APIView',
  'rest_framework.generics.GenericAPIView',
  'rest_framework.viewsets.ViewSet',
  'rest_framework.viewsets.ModelViewSet',
  'rest_framework.viewsets.GenericViewSet',
];

/** Django's response classes and shortcuts: `response["X-Name"] = v` sets a header on what they return. */
const RESPONSES = [
  'HttpResponse', 'StreamingHttpResponse', 'FileResponse', 'JsonResponse', 'HttpResponseRedirect', 'HttpResponsePermanentRedirect', 'HttpResponseNotModified', 'HttpResponseBadRequest',
  'HttpResponseNotFound', 'HttpResponseForbidden', 'HttpResponseNotAllowed', 'HttpResponseGone', 'HttpResponseServerError',
].flatMap((c) => [`django.http.${c}`, `django.http.response.${c}`]);
const SHORTCUTS = ['django.shortcuts.render', 'django.shortcuts.redirect', 'django.shortcuts.render_to_response', 'django.template.response.TemplateResponse', 'django.template.response.SimpleTemplateResponse'];

export const DJANGO: LibraryModel = {
  id: 'django',
  request: { attributes: ['GET', 'POST', 'body', 'COOKIES', 'META', 'FILES', 'REQUEST', 'raw_post_data', 'headers', 'read'], methodsOnly: ['read'] },
  // Function views: `def view(request, slug)` gets the URL's captured values after the request.
  handlerFunctions: [
    {
      framework: 'django',
      origin: 'request',
      leading: ['request'],
      modules: ['django.http', 'django.shortcuts', 'django.views', 'django.template.response', 'rest_framework.decorators', 'rest_framework.response'],
      clientParams: 'rest',
      safeConverters: ['int', 'uuid', 'slug'],
      returns: [...RESPONSES, ...SHORTCUTS, 'rest_framework.response.Response'],
      label: 'a URL parameter of a Django view',
    },
  ],
  // Class-based views: self.kwargs/self.args hold the URL's captured values.
  handlerClasses: [{ framework: 'Django class-based view', bases: CLASS_VIEWS, attributes: ['kwargs', 'args'] }],
  formSources: [
    {
      attribute: 'cleaned_data',
      module: 'django',
      label: 'form data (cleaned_data)',
      safeFields: [
        'IntegerField', 'FloatField', 'DecimalField', 'BooleanField', 'NullBooleanField', 'DateField', 'DateTimeField', 'TimeField', 'DurationField', 'UUIDField',
        'ChoiceField', 'TypedChoiceField', 'MultipleChoiceField', 'ModelChoiceField', 'ModelMultipleChoiceField', 'EmailField', 'SlugField', 'GenericIPAddressField',
      ],
    },
  ],
  subscriptSinks: [
    { kind: 'header', container: { madeBy: [...RESPONSES, ...SHORTCUTS] }, keys: true },
    { kind: 'redirect', container: { madeBy: [...RESPONSES, ...SHORTCUTS] }, key: 'location' },
  ],
  attributeSinks: [
    {
      kind: 'xss',
      label: 'the content of an HTML response (HttpResponse.content)',
      container: { madeBy: ['django.http.HttpResponse', 'django.http.response.HttpResponse'], when: htmlResponseObject(['django.http.HttpResponse', 'django.http.response.HttpResponse']) },
      attributes: ['content'],
    },
  ],
  sinks: [
    { kind: 'header', names: [...RESPONSES, 'django.template.response.TemplateResponse'], args: [], keywords: ['headers'] },
    { kind: 'sql', methods: ['raw'], keywords: ['raw_query'] },
    { kind: 'sql', methods: ['extra'], args: [], keywords: ['where', 'select', 'tables', 'order_by'] },
    { kind: 'sql', names: ['django.db.models.expressions.RawSQL', 'django.db.models.RawSQL'], keywords: ['sql'] },
    { kind: 'ssti', names: ['django.template.Template', 'django.template.base.Template', 'django.template.Engine.from_string'], keywords: ['template_string'] },
    { kind: 'redirect', names: ['django.shortcuts.redirect', 'django.http.HttpResponseRedirect', 'django.http.HttpResponsePermanentRedirect', 'django.http.response.HttpResponseRedirect'], keywords: ['to', 'redirect_to'] },
    { kind: 'xss', label: 'HTML marked safe', names: ['django.utils.safestring.mark_safe', 'django.utils.safestring.SafeString', 'django.utils.safestring.SafeText'] },
    // format_html escapes its arguments, not its format string.
    { kind: 'xss', label: 'the format string of format_html', names: ['django.utils.html.format_html'], keywords: ['format_string'] },
    // format_html_join(sep, format_string, args_generator): the separator is escaped, the format string is not.
    { kind: 'xss', label: 'the format string of format_html_join', names: ['django.utils.html.format_html_join'], args: [1], keywords: ['format_string'] },
    { kind: 'xss', names: ['django.http.HttpResponse', 'django.http.response.HttpResponse'], keywords: ['content'], when: htmlResponse },
    { kind: 'xss', names: ['django.http.StreamingHttpResponse', 'django.http.response.StreamingHttpResponse'], keywords: ['streaming_content'], when: htmlResponse },
    // A response is a file: response.write(html), response.writelines(parts) add to an HTML body.
    { kind: 'xss', label: 'an HTML response (HttpResponse.write)', methods: ['write', 'writelines'], when: htmlResponseMadeBy(['django.http.HttpResponse', 'django.http.response.HttpResponse']) },
    {
      kind: 'traceback',
      names: ['django.http.HttpResponse', 'django.http.JsonResponse', 'django.http.HttpResponseServerError', 'django.http.HttpResponseBadRequest', 'django.http.response.HttpResponse'],
      pick: allArguments,
    },
  ],
  // A template context holds the values it is given.
  passThrough: ['django.template.Context', 'django.template.context.Context', 'django.template.RequestContext', 'django.template.context.RequestContext'],
  sanitizers: [
    { names: ['django.utils.html.escape', 'django.utils.html.conditional_escape', 'django.utils.html.strip_tags', 'django.utils.html.escapejs'], clears: ['xss'] },
    // They escape every argument they format (a format string that is not a constant is a sink above).
    { names: ['django.utils.html.format_html', 'django.utils.html.format_html_join'], clears: ['xss'] },
    { names: ['django.utils._os.safe_join', 'django.utils.text.get_valid_filename'], clears: ['path'] },
    { names: ['django.utils.text.slugify'], clears: ['sql', 'command', 'code', 'path', 'ssti', 'redirect', 'xss', 'ldap', 'xpath', 'header', 'deserialization'] },
  ],
};

/** Django REST framework: `request.data` and `request.query_params`, a serializer's validated data; `Response` bodies. */
export const DRF: LibraryModel = {
  id: 'drf',
  request: { attributes: ['data', 'query_params'] },
  // A serializer made from the request validates its fields' types: a URLField or CharField is still any text.
  formSources: [
    {
      attribute: 'validated_data',
      module: 'rest_framework',
      label: 'serializer data (validated_data)',
      safeFields: [
        'IntegerField', 'FloatField', 'DecimalField', 'BooleanField', 'NullBooleanField', 'DateField', 'DateTimeField', 'TimeField', 'DurationField', 'UUIDField',
        'ChoiceField', 'MultipleChoiceField', 'PrimaryKeyRelatedField', 'EmailField', 'SlugField', 'IPAddressField',
      ],
    },
    { attribute: 'initial_data', module: 'rest_framework', label: 'serializer input (initial_data)', safeFields: [] },
  ],
  sinks: [{ kind: 'traceback', names: ['rest_framework.response.Response'], pick: allArguments }],
};
