import { defineRule } from '../../core/rule.js';
import { httpHandlers } from './route-access.js';

/** KR315: a route reads request data without any validation step. */
export const routeInputNotValidated = defineRule({
  id: 'KR315',
  name: 'route-input-not-validated',
  category: 'input-validation',
  severity: 'medium',
  confidence: 'low',
  cwe: [20],
  docs: {
    what: 'Flags routes that read request data (`request.form`, `request.get_json()`, `request.POST`, `await request.json()`, untyped FastAPI parameters, untyped path parameters) with no validation step: no Pydantic model or typed parameter, no Django form/DRF serializer `is_valid()`, no marshmallow/webargs/jsonschema schema, no WTForms `validate_on_submit()`, and no explicit `if` check on the input that rejects bad values.',
    why: 'Unvalidated input reaches business logic, the database and templates with any type, length and content; validation at the boundary is the first defence against injection, mass assignment and crashes (CWE-20 improper input validation).',
    example: '@app.route("/orders", methods=["POST"])\ndef create_order():\n    data = request.get_json()\n    Order(item=data["item"], qty=data["qty"])',
    instead: 'class OrderIn(BaseModel):\n    item: str = Field(max_length=100)\n    qty: int = Field(gt=0, le=100)\n\n@app.post("/orders")\ndef create_order(order: OrderIn): ...',
    references: ['https://cwe.mitre.org/data/definitions/20.html', 'https://cheatsheetseries.owasp.org/cheatsheets/Input_Validation_Cheat_Sheet.html', 'https://docs.pydantic.dev/latest/'],
  },
  visit: {
    'Module:exit'(module, ctx) {
      for (const h of httpHandlers(module, ctx)) {
        const r = h.route;
        if (r.validation !== 'unvalidated') continue;
        const what = r.inputs.filter((i) => !i.startsWith('body:')).join(', ');
        ctx.report(h.node, { message: `${r.path ?? r.handler} reads ${what} without validation (no schema, form, serializer or explicit check).`, fix: 'Validate the input at the boundary: a Pydantic model, a Django form/serializer, a marshmallow schema, or explicit type/length/range checks.' });
      }
    },
  },
});
