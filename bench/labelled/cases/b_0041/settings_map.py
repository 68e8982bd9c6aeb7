REGION_ENDPOINTS = {
    "eu": "https://eu.api.weatherdata.example",
    "us": "https://us.api.weatherdata.example",
    "ap": "https://ap.api.weatherdata.example",
}

DEFAULT_REGION = "eu"


def endpoint_for(region):
    return REGION_ENDPOINTS.get(region, REGION_ENDPOINTS[DEFAULT_REGION])
