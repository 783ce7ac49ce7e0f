from django.shortcuts import render


def home(request):
    """Landing page; role-specific pages come with the staff and officer pages."""
    return render(request, "home.html")
